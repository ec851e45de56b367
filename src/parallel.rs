//! How finely a parallel loop is split over the thread pool. Rayon halves a loop only
//! a few times unless a thread steals work, so on two threads each ends with a run of
//! a thousand pages or more done in order; the thread that finishes first then waits
//! for the other's last run, up to a tenth of a 10,000-page build on one core. Loops
//! whose items each cost microseconds (a file read and parsed, a page rendered) are
//! split down to a few items instead: a task costs far less than one item.

/// The most items one task of a loop over pages or files handles in a row.
pub const ITEMS_PER_TASK: usize = 4;
