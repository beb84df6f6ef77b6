package org.switchboard.calls;

/** Why no call can be placed now: a {@link CallCause} ({@code pbx-unreachable}, ...) and the PBX's own words. */
public record PbxDown(String cause, String detail) {
}
