package org.switchboard.hub.http;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.http.*}: where the HTTP API and dashboard listen, the rate limits per user and per wrong
 * password, the largest body, how long a dashboard session lasts idle and a verified password is trusted, and the
 * address people reach the hub at ({@code public-url}, for links in emails).
 */
public final class HttpConfig implements SettingsSection {
    private String host = "127.0.0.1";
    private int port = 8080;
    private long ratePerSecond = 100;
    private long burst = 200;
    private long loginFailuresPerMinute = 5;
    private long loginFailuresBurst = 10;
    private long maxBodyBytes = 64L * 1024 * 1024;
    private long sessionIdleMinutes = 30;
    private long authCacheSeconds = 60;
    private String publicUrl = "";

    @Override
    public String prefix() {
        return "switchboard.http.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.notBlank("host", host);
        check.port("port", port, false);
        check.atLeast("rate-per-second", ratePerSecond, 0);
        check.atLeast("burst", burst, 0);
        check.atLeast("login-failures-per-minute", loginFailuresPerMinute, 0);
        check.atLeast("login-failures-burst", loginFailuresBurst, 0);
        check.atLeast("max-body-bytes", maxBodyBytes, 1024);
        check.atLeast("session-idle-minutes", sessionIdleMinutes, 1);
        check.atLeast("auth-cache-seconds", authCacheSeconds, 0);
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw check.problem("public-url", "must be the hub's address as browsers reach it, http(s)://host[:port]"
                    + "[/path], without a query: " + publicUrl);
        }
    }

    /**
     * Where a browser reaches the hub, without a trailing slash: {@code public-url}, else http://host:port (the
     * machine's name when the hub listens on every address).
     */
    public String publicBaseUrl() {
        if (!publicUrl.isEmpty()) {
            return publicUrl.replaceAll("/+$", "");
        }
        String name = host;
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            try {
                name = java.net.InetAddress.getLocalHost().getCanonicalHostName();
            } catch (java.net.UnknownHostException e) {
                name = "localhost";
            }
        }
        return "http://" + (name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + port;
    }

    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public long getRatePerSecond() {
        return ratePerSecond;
    }

    public void setRatePerSecond(long ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    public long getBurst() {
        return burst;
    }

    public void setBurst(long burst) {
        this.burst = burst;
    }

    public long getLoginFailuresPerMinute() {
        return loginFailuresPerMinute;
    }

    public void setLoginFailuresPerMinute(long loginFailuresPerMinute) {
        this.loginFailuresPerMinute = loginFailuresPerMinute;
    }

    public long getLoginFailuresBurst() {
        return loginFailuresBurst;
    }

    public void setLoginFailuresBurst(long loginFailuresBurst) {
        this.loginFailuresBurst = loginFailuresBurst;
    }

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public long getSessionIdleMinutes() {
        return sessionIdleMinutes;
    }

    public void setSessionIdleMinutes(long sessionIdleMinutes) {
        this.sessionIdleMinutes = sessionIdleMinutes;
    }

    public long getAuthCacheSeconds() {
        return authCacheSeconds;
    }

    public void setAuthCacheSeconds(long authCacheSeconds) {
        this.authCacheSeconds = authCacheSeconds;
    }
}
