//! Large values freed off the critical path. Freeing a built site's model, page values
//! and Markdown cache walks millions of allocations; a one-shot `build` has nothing left
//! to wait for but that, so it hands them to an idle thread of the pool and goes on
//! (swapping the output in, reporting). A process that exits first leaves the freeing
//! to the operating system, which is cheaper still.

/// Drops `value` on the thread pool instead of here. Only for values nothing waits to
/// see freed: the preview, which reuses what it keeps and counts references to it,
/// drops in place.
pub fn later<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}
