//! [`UnknownReference`] (`unknown-reference`): its documentation and its check.

use super::{CAMPS, CLAIM_SUBJECTS, ESTIMATE_SUBJECTS, EVENTS, FIGURES, Refs, VICTIMS};
use crate::io::Located;
use crate::model::{Camp, Claim, Estimate, Event, Figure};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::{SourceIds, VictimView};
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A reference to an id that no loaded record has: `source_ids` → sources, a victim's
    /// `camp_id` → camps and `figure_id` → figures, a figure's `victim_id` and `event_ids`, an
    /// event's `figure_ids` and `camp_ids`, a camp's `parent`, an estimate's or claim's
    /// `subject_id`. A reference is checked only when a file of the target kind is validated
    /// in the same run (`museum validate datasets/` checks them all).
    ///
    /// ## Why it matters
    /// A dangling reference is a typo or a record that was never added; the web site would show
    /// a broken link and the fact loses its source.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,camp_id
    /// v1,Шанина,camp-alzhyr
    /// ```
    /// `victims.csv:2:camp_id: error[M402] `camp_id` refers to `camp-alzhyr`, which is not in
    /// camps`
    UnknownReference => UnknownReference, checks records
}

impl RecordRule for UnknownReference {
    fn victim(v: &VictimView<'_>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let loc = v.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        for c in v.cases {
            if let Some(camp) = c.camp_id {
                refs.check(CAMPS, camp, "camp_id");
            }
        }
        refs.sources(v.source_ids);
        if let Some(f) = v.figure_id {
            refs.check(FIGURES, f, "figure_id");
        }
    }

    fn figure(rec: &Located<Figure>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let f = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(SourceIds::List(&f.source_ids));
        if let Some(v) = &f.victim_id {
            refs.check(VICTIMS, v, "victim_id");
        }
        for e in &f.event_ids {
            refs.check(EVENTS, e, "event_ids");
        }
    }

    fn event(rec: &Located<Event>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let e = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(SourceIds::List(&e.source_ids));
        for f in &e.figure_ids {
            refs.check(FIGURES, f, "figure_ids");
        }
        for c in &e.camp_ids {
            refs.check(CAMPS, c, "camp_ids");
        }
    }

    fn camp(rec: &Located<Camp>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let c = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(SourceIds::List(&c.source_ids));
        if let Some(p) = c
            .parent
            .as_deref()
            .filter(|p| p.trim().starts_with("camp-"))
        {
            refs.check(CAMPS, p, "parent");
        }
    }

    fn estimate(rec: &Located<Estimate>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let e = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(SourceIds::List(&e.source_ids));
        refs.check(ESTIMATE_SUBJECTS, &e.subject_id, "subject_id");
    }

    fn claim(rec: &Located<Claim>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let c = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(SourceIds::List(&c.source_ids));
        refs.check(CLAIM_SUBJECTS, &c.subject_id, "subject_id");
    }
}
