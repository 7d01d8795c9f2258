//! What the jobs of the commands share: reading the dataset files once, validated, with progress.
//!
//! A job (such as [`crate::dedup::DedupJob`]) takes resolved inputs and options, runs the
//! whole pipeline and returns values; the caller renders and writes them.

use crate::error::Result;
use crate::io::{Archive, Located};
use crate::model::Victim;
use crate::progress::Progress;
use crate::validate::{self, Input, ValidateOptions};

/// Reads and validates `inputs` in one pass (the findings are those of `museum validate` with
/// the same options), reporting the bytes read to `progress` (stage `reading`).
///
/// # Errors
/// When a file cannot be read at all (findings in the data are not errors).
pub fn read_validated(
    inputs: &[Input],
    options: &ValidateOptions,
    progress: &dyn Progress,
) -> Result<(validate::Report, Archive)> {
    read(inputs, options, progress, None, None)
}

/// [`read_validated`], handing the victims to `victims` as they are read instead of keeping
/// them in the archive, and with `on_finding` the findings too instead of keeping them in the
/// report ([`validate::validate_and_hand_victims`]).
///
/// # Errors
/// As [`read_validated`].
pub fn read_validated_handing(
    inputs: &[Input],
    options: &ValidateOptions,
    progress: &dyn Progress,
    victims: &mut dyn FnMut(Vec<Located<Victim>>),
    on_finding: Option<validate::OnFinding<'_>>,
) -> Result<(validate::Report, Archive)> {
    read(inputs, options, progress, Some(victims), on_finding)
}

/// [`read_validated_handing`], handing over what `digest` makes of each batch of victims,
/// where the batch was read, instead of the victims
/// ([`validate::validate_and_digest_victims`]).
///
/// # Errors
/// As [`read_validated`].
pub fn read_validated_digesting<D: Send + 'static>(
    inputs: &[Input],
    options: &ValidateOptions,
    progress: &dyn Progress,
    digest: &(dyn Fn(Vec<Located<Victim>>) -> D + Sync),
    victims: &mut dyn FnMut(D),
    on_finding: Option<validate::OnFinding<'_>>,
) -> Result<(validate::Report, Archive)> {
    with_progress(inputs, progress, |on_bytes| {
        validate::validate_and_digest_victims(
            inputs, options, on_bytes, digest, victims, on_finding,
        )
    })
}

fn read(
    inputs: &[Input],
    options: &ValidateOptions,
    progress: &dyn Progress,
    victims: Option<&mut dyn FnMut(Vec<Located<Victim>>)>,
    on_finding: Option<validate::OnFinding<'_>>,
) -> Result<(validate::Report, Archive)> {
    with_progress(inputs, progress, |on_bytes| match victims {
        None => validate::validate_and_load(inputs, options, on_bytes),
        Some(v) => validate::validate_and_hand_victims(inputs, options, on_bytes, v, on_finding),
    })
}

/// Runs `read` with the bytes it reports told to `progress` (stage `reading`).
fn with_progress<R>(
    inputs: &[Input],
    progress: &dyn Progress,
    read: impl FnOnce(&dyn Fn(u64)) -> R,
) -> R {
    let total: u64 = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        .sum();
    progress.stage_bytes("reading", total);
    let done = std::cell::Cell::new(0u64);
    let on_bytes = |n: u64| {
        done.set(done.get() + n);
        progress.set_position(done.get());
    };
    read(&on_bytes)
}
