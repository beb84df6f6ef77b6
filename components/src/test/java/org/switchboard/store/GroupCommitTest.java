package org.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.switchboard.kannel.NewSendsms;

class GroupCommitTest {

    private static NewSendsms sms(String to) {
        return new NewSendsms(to, "x", "app", null, 0, null, null, 0, null, -1, -1);
    }

    /** A store that holds its first transaction until released, recording each transaction's recipients. */
    private static final class HeldStore implements Function<List<NewSendsms>, List<Long>> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<List<String>> transactions = new CopyOnWriteArrayList<>();
        final AtomicLong ids = new AtomicLong();

        @Override
        public List<Long> apply(List<NewSendsms> rows) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> to = rows.stream().map(NewSendsms::recipient).toList();
            transactions.add(to);
            if (to.contains("bad") && to.size() > 1 || to.equals(List.of("bad"))) {
                throw new IllegalStateException("refused: bad");
            }
            List<Long> out = new ArrayList<>();
            rows.forEach(r -> out.add(ids.incrementAndGet()));
            return out;
        }
    }

    @Test
    void requestsThatArriveDuringACommitShareTheNextOneAndGetTheirOwnIds() throws Exception {
        HeldStore store = new HeldStore();
        try (GroupCommit<NewSendsms, Long> commits = new GroupCommit<>("test", store, 1, 100, 100)) {
            CompletableFuture<List<Long>> first = commits.submit(List.of(sms("a")));
            assertTrue(store.entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<List<Long>> second = commits.submit(List.of(sms("b"), sms("c")));
            CompletableFuture<List<Long>> third = commits.submit(List.of(sms("d")));
            store.release.countDown();
            assertEquals(List.of(1L), first.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(2L, 3L), second.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(4L), third.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(List.of("a"), List.of("b", "c", "d")), store.transactions);
        }
    }

    @Test
    void aRequestTheStoreRefusesFailsAloneAndTheOthersInItsGroupAreStored() throws Exception {
        HeldStore store = new HeldStore();
        try (GroupCommit<NewSendsms, Long> commits = new GroupCommit<>("test", store, 1, 100, 100)) {
            CompletableFuture<List<Long>> first = commits.submit(List.of(sms("a")));
            assertTrue(store.entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<List<Long>> bad = commits.submit(List.of(sms("bad")));
            CompletableFuture<List<Long>> good = commits.submit(List.of(sms("e")));
            store.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertEquals("refused: bad", e.getCause().getMessage());
            assertEquals(1, good.get(10, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        HeldStore store = new HeldStore();
        try (GroupCommit<NewSendsms, Long> commits = new GroupCommit<>("test", store, 1, 100, 1)) {
            commits.submit(List.of(sms("a")));
            assertTrue(store.entered.await(10, TimeUnit.SECONDS));
            commits.submit(List.of(sms("b")));
            CompletableFuture<List<Long>> refused = commits.submit(List.of(sms("c")));
            assertTrue(refused.isCompletedExceptionally());
            store.release.countDown();
        }
    }
}
