//! [`InvalidCoordinates`] (`invalid-coordinates`): its documentation and its check.

use super::check;
use crate::io::Located;
use crate::model::Camp;
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A latitude outside −90…90 or a longitude outside −180…180, and a latitude without a
    /// longitude or the reverse (found while reading).
    ///
    /// ## Why it matters
    /// Such a point cannot be drawn on a map; a single coordinate is usually a column that
    /// slipped.
    ///
    /// ## Example
    /// ```csv
    /// id,name_official,name_en,camp_type,latitude,longitude,source_ids
    /// camp-1,Карлаг,Karlag,itl,149.67,72.68,src-1
    /// ```
    /// `camps.csv:2:latitude: error[M213] latitude is outside −90…90: `149.67``
    InvalidCoordinates => InvalidCoordinates, checks records
}

/// Checks M213 and M214 in one pass.
impl RecordRule for InvalidCoordinates {
    fn camp(rec: &Located<Camp>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        check(&rec.record, &rec.location, sink);
    }
}
