//! Coordinates of camps.

pub(crate) mod coordinates_outside_region;
pub(crate) mod invalid_coordinates;

pub use coordinates_outside_region::CoordinatesOutsideRegion;
pub use invalid_coordinates::InvalidCoordinates;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::Camp;
use crate::validate::sink::Sink;

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
