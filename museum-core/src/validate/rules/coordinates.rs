//! Coordinates of camps.

use crate::diagnostic::{Code, Diagnostic, Location};
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

rule! {
    /// ## What it checks
    /// Camp coordinates that are valid but lie outside the expected region: by default
    /// Kazakhstan with a margin (40–56° N, 46–88° E); set `[region]` in `museum.toml` for
    /// other archives. When swapping latitude and longitude would put the point inside, the
    /// hint says so.
    ///
    /// ## Why it matters
    /// Swapped coordinates, a missing minus sign or degrees-minutes typed as decimals move a
    /// camp by thousands of kilometres on the museum's map.
    ///
    /// ## Example
    /// ```csv
    /// id,name_official,name_en,camp_type,latitude,longitude,source_ids
    /// camp-1,Карлаг,Karlag,itl,72.68,49.67,src-1
    /// ```
    /// `camps.csv:2:latitude: warning[M214] the camp lies outside the expected region: `72.68, 49.67``,
    /// hint: `latitude and longitude look swapped`
    CoordinatesOutsideRegion => CoordinatesOutsideRegion
}

/// Checks a camp's coordinates (M213, M214).
pub(crate) fn check(c: &Camp, loc: &Location, sink: &mut Sink<'_>) {
    let Some(co) = c.location.as_ref().and_then(|p| p.coordinates) else {
        return;
    };
    let (lat, lon) = (co.latitude, co.longitude);
    if !(-90.0..=90.0).contains(&lat) {
        sink.push(
            Diagnostic::new(
                Code::InvalidCoordinates,
                "latitude is outside −90…90".to_owned(),
                loc.with_field("latitude"),
            )
            .with_value(lat.to_string())
            .with_help("latitudes are decimal degrees north (negative south)"),
        );
        return;
    }
    if !(-180.0..=180.0).contains(&lon) {
        sink.push(
            Diagnostic::new(
                Code::InvalidCoordinates,
                "longitude is outside −180…180".to_owned(),
                loc.with_field("longitude"),
            )
            .with_value(lon.to_string())
            .with_help("longitudes are decimal degrees east (negative west)"),
        );
        return;
    }
    let region = sink.cx.options.region;
    if !region.contains(lat, lon) {
        let help = if region.contains(lon, lat) {
            "latitude and longitude look swapped".to_owned()
        } else {
            format!(
                "the expected region is {}–{}° N, {}–{}° E; set `[region]` in `museum.toml` for camps elsewhere",
                region.min_latitude,
                region.max_latitude,
                region.min_longitude,
                region.max_longitude
            )
        };
        sink.push(
            Diagnostic::new(
                Code::CoordinatesOutsideRegion,
                "the camp lies outside the expected region".to_owned(),
                loc.with_field("latitude"),
            )
            .with_value(format!("{lat}, {lon}"))
            .with_help(help),
        );
    }
}

/// Checks M213 and M214 in one pass.
impl RecordRule for InvalidCoordinates {
    fn camp(rec: &Located<Camp>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        check(&rec.record, &rec.location, sink);
    }
}
