//! [`LinkMismatch`] (`link-mismatch`): its documentation and its check.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::VictimView;
use crate::validate::world::{Facts, Links, World};

rule! {
    /// ## What it checks
    /// A figure and a victim whose links disagree: the victim's `figure_id` names a figure
    /// whose `victim_id` is another victim, or a figure's `victim_id` names a victim whose
    /// `figure_id` is another figure.
    ///
    /// ## Why it matters
    /// The portrait gallery would show one person's repression case under another person's
    /// portrait.
    ///
    /// ## Example
    /// `figures.csv`: `fig-mailin,…,victim_id=v-2`; `victims.csv`: `v-1,…,figure_id=fig-mailin`
    /// gives `victims.csv:2:figure_id: error[M403] the figure links to victim `v-2`, not to this
    /// one: `fig-mailin``
    LinkMismatch => LinkMismatch, checks records
}

/// Checks M403 and M404 in one pass.
impl RecordRule for LinkMismatch {
    fn victim(v: &VictimView<'_>, world: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        victim_links(v, &world.links, v.location, sink);
    }
}

/// Checks a victim's link to its figure, both ways (M403, M404).
fn victim_links(v: &VictimView<'_>, world: &Links, loc: &Location, sink: &mut Sink<'_>) {
    if !world.read || !(sink.on(Code::LinkMismatch) || sink.on(Code::OneSidedLink)) {
        return;
    }
    let id = crate::io::trim(v.id);
    if let Some(fig_id) = v.figure_id.map(str::trim)
        && let Some(fig) = world.figure(fig_id)
    {
        {
            match fig.victim_id.as_deref() {
                Some(back) if back != id => sink.push(
                    Diagnostic::new(
                        Code::LinkMismatch,
                        format!("the figure links to victim `{back}`, not to this one"),
                        loc.with_field("figure_id"),
                    )
                    .with_value(fig_id)
                    .with_related(fig.location.with_field("victim_id"))
                    .with_help("make `figures.csv` `victim_id` and `victims.csv` `figure_id` point at each other"),
                ),
                None => sink.push(
                    Diagnostic::new(
                        Code::OneSidedLink,
                        "the figure does not link back to this victim".to_owned(),
                        loc.with_field("figure_id"),
                    )
                    .with_value(fig_id)
                    .with_related(fig.location.with_field("victim_id"))
                    .with_help(format!("set `victim_id` of `{fig_id}` to `{id}`")),
                ),
                Some(_) => {}
            }
        }
    }
    if let Some((fig_id, fig_loc)) = world.figure_linking(id) {
        match v.figure_id.map(str::trim) {
            None => sink.push(
                Diagnostic::new(
                    Code::OneSidedLink,
                    format!("figure `{fig_id}` links to this victim, which has no `figure_id`"),
                    loc.with_field("figure_id"),
                )
                .with_related(fig_loc.with_field("victim_id"))
                .with_help(format!("set `figure_id` to `{fig_id}`")),
            ),
            Some(mine) if mine != fig_id => sink.push(
                Diagnostic::new(
                    Code::LinkMismatch,
                    format!("figure `{fig_id}` links to this victim, but `figure_id` names another figure"),
                    loc.with_field("figure_id"),
                )
                .with_value(mine)
                .with_related(fig_loc.with_field("victim_id"))
                .with_help("make `figures.csv` `victim_id` and `victims.csv` `figure_id` point at each other"),
            ),
            Some(_) => {}
        }
    }
}
