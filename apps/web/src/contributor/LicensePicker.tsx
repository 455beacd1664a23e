import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FIELD_LABELS } from '../lib/field-labels.ts';

type License = { id: string; name: string };
let cache: Promise<readonly License[]> | null = null;

/** The SPDX list ships with the scorer; it loads on first use so the first page stays small. */
export function loadLicenses(): Promise<readonly License[]> {
  cache ??= import('@assay/quality').then((module) => module.SPDX_LICENSES);
  return cache;
}

/** A searchable SPDX licence picker. An unknown value already in the draft stays visible (it is a finding). */
export function LicensePicker({
  value,
  onChange,
  error,
  id,
}: {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  id: string;
}) {
  const [licenses, setLicenses] = useState<readonly License[]>([]);
  useEffect(() => {
    let live = true;
    void loadLicenses().then((list) => live && setLicenses(list));
    return () => {
      live = false;
    };
  }, []);
  const data = licenses.map((license) => ({ value: license.id, label: `${license.id} — ${license.name}` }));
  if (value && !licenses.some((license) => license.id === value))
    data.unshift({ value, label: `${value} (not an SPDX id)` });
  return (
    <Select
      id={id}
      label={FIELD_LABELS['provenance.license']}
      description="The licence you grant to the buyer. Search by id or name, e.g. CC-BY-4.0."
      placeholder={licenses.length ? 'Search licences' : 'Loading licences…'}
      searchable
      clearable
      limit={50}
      nothingFoundMessage="No SPDX licence matches"
      data={data}
      value={value ?? null}
      onChange={onChange}
      error={error}
    />
  );
}
