package org.leadscoring.scoring.ruleset;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;

/**
 * Drools sessions of one model, reset and reused because a new one costs more than scoring a prospect; a
 * session that was halted is thrown away instead ({@code KieSessionsPool} can only take sessions back).
 */
final class SessionPool {

    private final KieBase kieBase;
    private final KieSessionConfiguration config;
    private final BlockingQueue<KieSession> idle;

    SessionPool(KieBase kieBase, KieSessionConfiguration config, int size) {
        this.kieBase = kieBase;
        this.config = config;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    KieSession take() {
        KieSession session = idle.poll();
        return session != null ? session : kieBase.newKieSession(config, null);
    }

    void giveBack(KieSession session) {
        if (!(session instanceof StatefulKnowledgeSessionImpl reusable)) {
            session.dispose();
            return;
        }
        reusable.reset();
        if (!idle.offer(session)) {
            session.dispose();
        }
    }

    void discard(KieSession session) {
        session.dispose();
    }
}
