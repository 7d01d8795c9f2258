//! The sequential iterator over the typed records of a CSV file.

use std::collections::VecDeque;
use std::io::Read;
use std::marker::PhantomData;

use super::head::{Opened, header_only, open_csv};
use super::layout::Layout;
use super::parse::parse_block;
use super::split::Splitter;
use super::{CsvOptions, DEFAULT_BLOCK_SIZE};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::record::Record;
use crate::io::{DatasetKind, ReadItem};

/// Streams typed records of a CSV file (the sequential reader behind
/// [`RecordReader`](super::RecordReader)).
pub(crate) struct CsvRecords<T, R: Read> {
    state: State<R>,
    file: String,
    kind: DatasetKind,
    options: CsvOptions,
    queue: VecDeque<ReadItem<T>>,
    record_index: u64,
    _t: PhantomData<T>,
}

enum State<R> {
    Start(R),
    Body(Box<Layout>, Splitter<R>),
    Done,
}

impl<T: Record, R: Read> CsvRecords<T, R> {
    pub(crate) fn new(reader: R, file: String, options: &CsvOptions) -> Self {
        CsvRecords {
            state: State::Start(reader),
            file,
            kind: T::KIND,
            options: options.clone(),
            queue: VecDeque::new(),
            record_index: 0,
            _t: PhantomData,
        }
    }

    fn findings(&mut self, f: Vec<Diagnostic>) {
        self.queue.extend(f.into_iter().map(ReadItem::Finding));
    }

    fn cannot_read(&mut self, e: &std::io::Error) {
        let d = Diagnostic::new(
            Code::MalformedCsv,
            format!("cannot read: {e}"),
            Location::file(self.file.clone()),
        );
        self.queue.push_back(ReadItem::Finding(d));
    }
}

impl<T: Record, R: Read> Iterator for CsvRecords<T, R> {
    type Item = ReadItem<T>;

    fn next(&mut self) -> Option<ReadItem<T>> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            match std::mem::replace(&mut self.state, State::Done) {
                State::Start(reader) => {
                    match open_csv(
                        reader,
                        &self.file,
                        self.kind,
                        &self.options,
                        DEFAULT_BLOCK_SIZE,
                    ) {
                        Ok(Opened::Ready {
                            layout,
                            findings,
                            splitter,
                        }) => {
                            self.findings(findings);
                            self.state = State::Body(Box::new(layout), splitter);
                        }
                        Ok(Opened::Stop(findings)) => self.findings(findings),
                        Err(e) => self.cannot_read(&e),
                    }
                }
                State::Body(layout, mut splitter) => {
                    let mut found = Vec::new();
                    match splitter.next_block(&mut found) {
                        Ok(Some(block)) => {
                            let mut items = Vec::new();
                            let record_index = &mut self.record_index;
                            parse_block(&layout, &block, &mut found, |rec, line, out| {
                                let mut diags = Vec::new();
                                let r = layout.row::<T>(rec, line, *record_index, &mut diags, None);
                                *record_index += 1;
                                match r {
                                    Some(r) => items.push(ReadItem::Record(r, diags)),
                                    None => out.extend(diags),
                                }
                            });
                            self.findings(found);
                            self.queue.extend(items);
                            self.state = State::Body(layout, splitter);
                        }
                        Ok(None) => {
                            self.findings(found);
                            if self.record_index == 0 {
                                self.queue
                                    .push_back(ReadItem::Finding(header_only(&self.file)));
                            }
                        }
                        Err(e) => {
                            self.findings(found);
                            self.cannot_read(&e);
                        }
                    }
                }
                State::Done => return None,
            }
        }
    }
}
