package org.leadscoring.api;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.SecurityContext;

/**
 * Who sent a request to {@code /api/**} and what they may do, set by {@link ApiKeyFilter} as the request's
 * {@link SecurityContext}: resources read the name ({@code security.getUserPrincipal().getName()}, recorded as the author
 * of a version) and ask {@code security.isUserInRole(Caller.PUBLISHER)}.
 *
 * <p>People signed in through the company's OpenID Connect provider hold the roles their token gives them, each
 * including the ones below it: {@code viewer} looks, {@code editor} also drafts, checks, tries and previews, and starts
 * dry runs, {@code publisher} also publishes, rolls back and starts runs that write to Zoho. A key — an admin key
 * ({@code X-Admin-Key}, for scripts and small teams) or the intake key ({@code X-API-Key}, on what it may call) — holds
 * every role: whoever has a key may do all its endpoints allow, as before sign-in existed.
 */
public record Caller(String name, Via via, Set<Role> roles) {

    /** The role names, as tokens carry them and {@code isUserInRole} takes them. */
    public static final String VIEWER = "viewer";
    public static final String EDITOR = "editor";
    public static final String PUBLISHER = "publisher";

    /** How the caller proved who they are. */
    public enum Via {
        API_KEY, ADMIN_KEY, SIGN_IN
    }

    /** What a person may do on the workbench; each role includes the ones before it. */
    public enum Role {
        VIEWER, EDITOR, PUBLISHER;

        /** The role's name as in tokens and the README: {@code viewer}, {@code editor}, {@code publisher}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The roles a person holding the named ones has: the highest named, and every role below it. */
        static Set<Role> held(Set<String> names) {
            Set<Role> held = EnumSet.noneOf(Role.class);
            for (Role role : values()) {
                if (names.contains(role.word())) {
                    held.addAll(EnumSet.range(VIEWER, role));
                }
            }
            return held;
        }
    }

    public Caller {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    /** A key: every role. */
    static Caller key(String name, Via via) {
        return new Caller(name, via, EnumSet.allOf(Role.class));
    }

    /** A person signed in, with the roles their token names (the others are not the workbench's and are ignored). */
    static Caller signedIn(String name, Set<String> roleNames) {
        return new Caller(name, Via.SIGN_IN, Role.held(roleNames));
    }

    public boolean may(Role role) {
        return roles.contains(role);
    }

    /** The request's security context: this caller's name and roles. */
    SecurityContext context(boolean secure) {
        Caller caller = this;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller::name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.roles.stream().anyMatch(r -> r.word().equals(role));
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return caller.via == Via.SIGN_IN ? "OIDC" : "KEY";
            }
        };
    }
}
