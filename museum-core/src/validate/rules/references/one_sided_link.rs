//! [`OneSidedLink`] (`one-sided-link`): its documentation.

rule! {
    /// ## What it checks
    /// A figure–victim link recorded on one side only: a figure's `victim_id` names a victim
    /// without a `figure_id`, or a victim's `figure_id` names a figure without a `victim_id`.
    ///
    /// ## Why it matters
    /// Informational: navigation from one page to the other works only one way.
    ///
    /// ## Example
    /// `victims.csv:2:figure_id: info[M404] the figure does not link back to this victim:
    /// `fig-mailin``
    OneSidedLink => OneSidedLink
}
