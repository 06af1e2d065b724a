package org.leadscoring.crm.zoho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.CreditBudget;

/** Credits set aside for work that must not stop half way: others cannot spend them, and what is left comes back. */
class CreditBudgetTest {

    @Test
    void creditsSetAsideCannotBeSpentByOtherCalls() {
        CreditBudget budget = CreditBudget.of(10);
        try (CreditBudget.Reserved page = budget.reserve(8)) {
            // A read made meanwhile (another thread's, in a run) finds only what was not set aside.
            assertTrue(budget.affords(2));
            assertFalse(budget.affords(3));
            assertThrows(CreditBudget.Exhausted.class, () -> budget.charge(CreditBudget.Use.READ, 3));
            page.allowance().charge(CreditBudget.Use.WRITE, 4);
            page.allowance().charge(CreditBudget.Use.WRITE, 4);
            // The reservation is all it may spend.
            assertThrows(CreditBudget.Exhausted.class, () -> page.allowance().charge(CreditBudget.Use.WRITE, 1));
        }
        assertEquals(8, budget.credits());
        assertEquals(8, budget.writeCredits());
        assertEquals(2, budget.calls());
        assertTrue(budget.affords(2));
        assertFalse(budget.affords(3));
    }

    @Test
    void whatAReservationDidNotSpendComesBack() {
        CreditBudget budget = CreditBudget.of(10);
        try (CreditBudget.Reserved page = budget.reserve(6)) {
            page.allowance().charge(CreditBudget.Use.READ, 1);
            assertTrue(budget.affords(4));
            assertFalse(budget.affords(5));
        }
        assertEquals(1, budget.credits());
        assertEquals(1, budget.readCredits());
        assertTrue(budget.affords(9));
        assertFalse(budget.affords(10));
    }

    @Test
    void aReservationBeyondTheAllowanceSetsNothingAside() {
        CreditBudget budget = CreditBudget.of(10);
        budget.charge(CreditBudget.Use.READ, 5);
        assertThrows(CreditBudget.Exhausted.class, () -> budget.reserve(6));
        assertTrue(budget.affords(5));
    }
}
