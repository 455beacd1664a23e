import { type ComboboxItem, type ComboboxParsedItem, type OptionsFilter, Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FIELD_LABELS } from '../lib/field-labels.ts';

type License = { id: string; name: string };
type Spdx = Pick<typeof import('@assay/quality'), 'SPDX_LICENSES' | 'unknownLicenseMessage'>;
let cache: Promise<Spdx> | null = null;

/** The SPDX list, and its check, ship with the scorer; they load on first use so the first page stays small. */
export function loadSpdx(): Promise<Spdx> {
  cache ??= import('@assay/quality');
  return cache;
}

export function loadLicenses(): Promise<readonly License[]> {
  return loadSpdx().then((spdx) => spdx.SPDX_LICENSES);
}

/**
 * The SPDX list for the picker: the request's accepted licences first, as a group of their own, then every
 * licence (the contributor may hold another, which the pre-score then names as not accepted).
 */
export function licenseOptions(licenses: readonly License[], acceptedFirst: readonly string[]) {
  const option = (license: License) => ({ value: license.id, label: `${license.id} — ${license.name}` });
  const accepted = new Set(acceptedFirst);
  const first = licenses.filter((license) => accepted.has(license.id));
  if (first.length === 0) return licenses.map(option);
  return [
    { group: 'Accepted by this request', items: first.map(option) },
    { group: 'Every SPDX licence', items: licenses.filter((l) => !accepted.has(l.id)).map(option) },
  ];
}

/**
 * How well an option answers a search, best first: its id exactly, the id's start, the id, then the name;
 * -1 for no match. Typing "MIT" listed "AML — Apple MIT License" first, and Enter took it.
 */
function licenseRank(option: ComboboxItem, search: string): number {
  const id = option.value.toLowerCase();
  // Ids join their words with hyphens; people type "cc by 4.0", which found nothing (QA pass).
  const searchAsId = search.replace(/\s+/g, '-');
  if (id === searchAsId) return 0;
  if (id.startsWith(searchAsId)) return 1;
  if (id.includes(searchAsId)) return 2;
  return option.label.toLowerCase().includes(search) ? 3 : -1;
}

/**
 * The licences matching a search, best match first ({@link licenseRank}) within each group, the groups in
 * their place (the request's accepted licences first), at most `limit` in all.
 */
export const filterLicenses: OptionsFilter = ({ options, search, limit }) => {
  const query = search.trim().toLowerCase();
  let left = limit;
  const ranked = (items: ComboboxItem[]) => {
    const matches = items
      .map((item) => ({ item, rank: query === '' ? 0 : licenseRank(item, query) }))
      .filter(({ rank }) => rank !== -1)
      .sort((a, b) => a.rank - b.rank)
      .slice(0, Math.max(0, left))
      .map(({ item }) => item);
    left -= matches.length;
    return matches;
  };
  if (options.every((option) => !('group' in option))) return ranked(options as ComboboxItem[]);
  return options.flatMap((option): ComboboxParsedItem[] => {
    if (!('group' in option)) return ranked([option]);
    const items = ranked(option.items);
    return items.length === 0 ? [] : [{ ...option, items }];
  });
};

/** A searchable SPDX licence picker. An unknown value already in the draft stays visible (it is a finding). */
export function LicensePicker({
  value,
  onChange,
  error,
  id,
  acceptedFirst = [],
}: {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  id: string;
  /** Licences the data request accepts: listed first. */
  acceptedFirst?: readonly string[];
}) {
  const [licenses, setLicenses] = useState<readonly License[]>([]);
  useEffect(() => {
    let live = true;
    void loadLicenses().then((list) => live && setLicenses(list));
    return () => {
      live = false;
    };
  }, []);
  const options = licenseOptions(licenses, acceptedFirst);
  const data =
    value && !licenses.some((license) => license.id === value)
      ? [{ value, label: `${value} (not an SPDX id)` }, ...options]
      : options;
  return (
    <Select
      id={id}
      label={FIELD_LABELS['provenance.license']}
      description="The licence you grant to the buyer. Search by id or name, e.g. CC-BY-4.0."
      placeholder={licenses.length ? 'Search licences' : 'Loading licences…'}
      searchable
      // Closed when focused (a reason's "Go to" link focuses it, and the list covered the form), as every
      // other field of the form is; typing or a click opens it.
      openOnFocus={false}
      clearable
      limit={50}
      filter={filterLicenses}
      nothingFoundMessage="No SPDX licence matches"
      data={data}
      value={value ?? null}
      onChange={onChange}
      error={error}
    />
  );
}
