package org.switchboard.smpp;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What an account is created with; {@link #of} gives the defaults: every bind type, any source, no limit, 4 binds. */
public record NewSmppAccount(String systemId, String password, Set<BindKind> bindKinds, List<String> allowedSources,
        int throughput, int maxBinds) {

    public NewSmppAccount {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        bindKinds = Set.copyOf(bindKinds);
        allowedSources = List.copyOf(allowedSources);
    }

    public static NewSmppAccount of(String systemId, String password) {
        return new NewSmppAccount(systemId, password, EnumSet.allOf(BindKind.class), List.of(), 0, 4);
    }
}
