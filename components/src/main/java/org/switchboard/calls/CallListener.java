package org.switchboard.calls;

/** Where a way of placing calls reports each call's moves; called from the way's own thread, one call at a time. */
@FunctionalInterface
public interface CallListener {
    void changed(CallTransition transition);
}
