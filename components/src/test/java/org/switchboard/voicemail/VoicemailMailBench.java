package org.switchboard.voicemail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.TestMailSettings;

/**
 * Voicemail notifications with a 1.2 MB wav from a spool written here, built and sent over SMTP to GreenMail from a
 * few threads, one SMTP connection per mail (as camel-mail sends). Prints emails per minute, and how fast one thread
 * builds and writes them without SMTP (our side's share); asserts nothing.
 * Arguments: [mails] [threads] [wav bytes].
 */
public final class VoicemailMailBench {

    private VoicemailMailBench() {
    }

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int wavBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1_200_000;

        Path spool = Files.createTempDirectory("voicemail-bench");
        Path inbox = Files.createDirectories(spool.resolve("default/1001/INBOX"));
        byte[] wav = new byte[wavBytes];
        new Random(7).nextBytes(wav);
        Files.write(inbox.resolve("msg0000.wav"), wav);
        Files.writeString(inbox.resolve("msg0000.txt"), VoicemailSpoolTest.messageFile("1001", "\"John\" <1234>",
                1795690477L, 75, ""));
        VoicemailSpool voicemailSpool = new VoicemailSpool(spool, null);
        MailSettings settings = TestMailSettings.embeddedDefault(ZoneId.of("Asia/Jakarta"));
        VoicemailMails builder = new VoicemailMails();

        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(smtp.dynamicPort());
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        // The EHLO name, given: otherwise every connection asks the resolver for this host's name.
        props.put("mail.smtp.localhost", "switchboard.local");
        if (!Boolean.getBoolean("bench.nagle")) {
            props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        }
        Session session = Session.getInstance(props);
        // GreenMail keeps every mail in memory: emptied as it goes, or 3,000 mails of 1.6 MB would not fit.
        ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor();
        purge.scheduleWithFixedDelay(() -> {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                System.err.println("purging GreenMail: " + e);
            }
        }, 200, 200, TimeUnit.MILLISECONDS);

        VoicemailSpool.Listing sample = voicemailSpool.recordings("1001");
        long mailSize = size(builder.notification(session, "helpdesk@switchboard.local", "1001", new VoicemailCounts(1, 8),
                0, sample.recordings(), sample.problems(), settings));
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, threads, Math.min(100, mails), next, session, voicemailSpool, builder, settings);
            next.set(0);
            long start = System.nanoTime();
            run(pool, threads, mails, next, session, voicemailSpool, builder, settings);
            double seconds = (System.nanoTime() - start) / 1e9;
            long buildStart = System.nanoTime();
            int built = Math.min(mails, 1_000);
            for (int i = 0; i < built; i++) {
                VoicemailSpool.Listing listing = voicemailSpool.recordings("1001");
                MimeMessage mail = builder.notification(session, "helpdesk@switchboard.local", "1001",
                        new VoicemailCounts(1, 8), i, listing.recordings(), listing.problems(), settings);
                mail.saveChanges();
                mail.writeTo(OutputStream.nullOutputStream());
            }
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            double perMinute = mails / seconds * 60;
            System.out.printf(Locale.ROOT, "voicemail: %,d notification emails with a %,d-byte wav each, %d threads, one SMTP"
                    + " connection per mail, into GreenMail: %.1f s, %,.0f emails/min (goal >= 2,520), %.1f MB/s of mail (%,d bytes each)%n",
                    mails, wavBytes, threads, seconds, perMinute, mailSize * mails / seconds / 1e6, mailSize);
            System.out.printf(Locale.ROOT, "voicemail: building and writing them (spool read, MIME, base64) without SMTP:"
                    + " %,.0f emails/min on one thread%n", built / buildSeconds * 60);
        } finally {
            pool.shutdownNow();
            purge.shutdownNow();
            greenMail.stop();
            try (var files = Files.walk(spool)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(ExecutorService pool, int threads, int mails, AtomicLong next, Session session,
            VoicemailSpool spool, VoicemailMails builder, MailSettings settings) throws Exception {
        List<Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (long n; (n = next.getAndIncrement()) < mails; ) {
                    // Each mail reads the spool and builds its notification, as the route will.
                    VoicemailSpool.Listing listing = spool.recordings("1001");
                    MimeMessage mail = builder.notification(session, "helpdesk@switchboard.local", "1001",
                            new VoicemailCounts(1, 8), n + 1, listing.recordings(), listing.problems(), settings);
                    send(session, mail);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    /** Sends one mail over a fresh SMTP connection, as camel-mail's producer does. */
    private static void send(Session session, MimeMessage mail) throws Exception {
        mail.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(mail, mail.getAllRecipients());
        }
    }

    /** The size of one mail as written (SMTP dot-stuffing aside). */
    private static long size(MimeMessage mail) throws Exception {
        long[] count = {0};
        mail.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        });
        return count[0];
    }

    /** Sockets with TCP_NODELAY set. */
    static final class NoDelaySocketFactory extends javax.net.SocketFactory {

        private static java.net.Socket noDelay(java.net.Socket s) throws java.io.IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            return noDelay(new java.net.Socket());
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port, local, localPort));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress local,
                int localPort) throws java.io.IOException {
            return noDelay(new java.net.Socket(address, port, local, localPort));
        }
    }
}
