//! The words of a `--integer` run: the status after Ctrl-C, the gap in words, the time
//! spent and what whole dwellings cost against the LP plan. Re-exported by
//! [`crate::labels`].

use super::Label;

labels! {
    /// The status of a run stopped by Ctrl-C.
    INTERRUPTED_NOT_PROVEN_OPTIMAL:
        "onderbroken met Ctrl-C (niet bewezen optimaal)",
        "interrupted with Ctrl-C (not proven optimal)";
    /// The notice above a plan stopped by Ctrl-C.
    NOTE_INTERRUPTED:
        "Let op: de berekening is onderbroken (Ctrl-C). Dit is het beste plan in hele woningen \
         tot dat moment: uitvoerbaar, maar niet bewezen optimaal.",
        "Note: the run was interrupted (Ctrl-C). This is the best whole-dwelling plan found \
         until then: feasible, but not proven optimal.";
    /// The gap in words: a percentage such as "0,1 %".
    GAP_IN_WORDS: "hooguit {} duurder dan het beste plan", "at most {} dearer than the best plan";
    /// The gap in words when stage 2 did not run (no time left, or Ctrl-C).
    GAP_UNKNOWN:
        "afstand tot het goedkoopste plan onbekend (fase 2 is niet gelopen)",
        "distance to the least-cost plan unknown (stage 2 did not run)";
    /// The row label of the gap in words.
    DISTANCE_TO_BEST_PLAN: "Afstand tot het beste plan", "Distance to the best plan";
    /// The row label of the mismatch of whole dwellings minus the LP plan's.
    WHOLE_MINUS_LP_MISMATCH:
        "Mismatch hele woningen − plan in fracties (gewogen woningjaren)",
        "Mismatch of whole dwellings − fractional plan (weighted dwelling-years)";
    /// The row label of the gross cost of whole dwellings minus the LP plan's.
    WHOLE_MINUS_LP_COST:
        "Bruto kosten hele woningen − plan in fracties (euro)",
        "Gross cost of whole dwellings − fractional plan (euros)";
    /// The row label of the time limit: seconds, and whether it was reached.
    TIME_LIMIT_ROW: "Tijdslimiet (s)", "Time limit (s)";
    /// The time limit was reached.
    LIMIT_REACHED: "bereikt", "reached";
    /// The time limit was not reached.
    LIMIT_NOT_REACHED: "niet bereikt", "not reached";
    /// The row label of the time per stage.
    TIME_PER_STAGE: "Tijd per fase", "Time per stage";
    /// The time per stage: LP relaxation, stage 1, stage 2 (seconds).
    TIME_PER_STAGE_VALUE:
        "LP-relaxatie en eerste plan {} s, fase 1 (passing) {} s, fase 2 (kosten) {} s",
        "LP relaxation and first plan {} s, stage 1 (fit) {} s, stage 2 (cost) {} s";
}
