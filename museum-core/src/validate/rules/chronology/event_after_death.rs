//! [`EventAfterDeath`] (`event-after-death`): its documentation.

rule! {
    /// ## What it checks
    /// An arrest, sentence, execution, camp arrival or release dated after the person's
    /// death. (Rehabilitation is often posthumous and is not checked.)
    ///
    /// ## Why it matters
    /// Impossible: the death date or the event date is wrong.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,arrest_date,death_date
    /// v1,Майлин,1937-08-02,1935-10-05
    /// ```
    /// `victims.csv:2:arrest_date: error[M311] arrest date is after the death date`
    EventAfterDeath => EventAfterDeath, needs DATES_AND_SENTENCE
}
