package org.switchboard.hub;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar routes/target/switchboard.jar}: starts the hub and runs until stopped (Ctrl-C, SIGTERM). */
public final class SwitchboardMain {
    private SwitchboardMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.load(System.getenv());
        Hub hub;
        try {
            hub = Hub.start(settings);
        } catch (Exception e) {
            System.err.println("Switchboard could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "switchboard-shutdown"));
        System.out.println(hub.banner());
        stopped.await();
    }
}
