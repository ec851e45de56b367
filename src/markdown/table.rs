//! The header cells of tables: written here, as pulldown-cmark writes them plus
//! `scope="col"` (they are column headers, which screen readers announce best with an
//! explicit scope). Only the cells of lernort's own tables get it, never raw HTML.

use pulldown_cmark::Alignment;

/// The state of the table being rendered.
#[derive(Debug, Default)]
pub struct TableHead {
    alignments: Vec<Alignment>,
    /// While the header row is open: the index of its next cell.
    cell: Option<usize>,
}

impl TableHead {
    /// A table starts, with the column alignments of its delimiter row.
    pub fn table(&mut self, alignments: &[Alignment]) {
        self.alignments = alignments.to_vec();
    }

    /// The header row opens (`true`) or closes (`false`).
    pub fn head(&mut self, open: bool) {
        self.cell = open.then_some(0);
    }

    /// The start tag of a cell, if it is a header cell.
    pub fn cell_start(&self) -> Option<String> {
        let index = self.cell?;
        let style = match self.alignments.get(index) {
            Some(Alignment::Left) => " style=\"text-align: left\"",
            Some(Alignment::Center) => " style=\"text-align: center\"",
            Some(Alignment::Right) => " style=\"text-align: right\"",
            Some(Alignment::None) | None => "",
        };
        Some(format!("<th scope=\"col\"{style}>"))
    }

    /// The end tag of a cell, if it is a header cell.
    pub fn cell_end(&mut self) -> Option<&'static str> {
        let index = self.cell.as_mut()?;
        *index += 1;
        Some("</th>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_carry_scope_and_alignment() {
        let mut t = TableHead::default();
        t.table(&[Alignment::None, Alignment::Right]);
        assert_eq!(t.cell_start(), None, "not in the header row");
        t.head(true);
        assert_eq!(t.cell_start().as_deref(), Some("<th scope=\"col\">"));
        assert_eq!(t.cell_end(), Some("</th>"));
        assert_eq!(
            t.cell_start().as_deref(),
            Some("<th scope=\"col\" style=\"text-align: right\">")
        );
        t.head(false);
        assert_eq!(t.cell_end(), None);
    }
}
