package org.switchboard.broadcast;

/** A template that cannot be read: a brace without its partner or an empty placeholder. */
public final class TemplateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
