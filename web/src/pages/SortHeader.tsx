// A sortable column header: a button that says what it sorts by and which way (aria-sort).
import type { SortKey } from "./recipientRows.ts";

interface SortHeaderProps {
  label: string;
  column: SortKey;
  sort: { key: SortKey; ascending: boolean };
  onSort: (column: SortKey) => void;
}

export function SortHeader({ label, column, sort, onSort }: SortHeaderProps) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? (sort.ascending ? "ascending" : "descending") : "none"}>
      <button type="button" className="sort" onClick={() => onSort(column)} aria-label={`Sort by ${label}`}>
        {label} {active ? (sort.ascending ? "▲" : "▼") : ""}
      </button>
    </th>
  );
}
