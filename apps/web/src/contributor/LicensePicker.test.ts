import { describe, expect, it } from 'vitest';
import { filterLicenses, licenseOptions } from './LicensePicker.tsx';

const LICENSES = [
  { id: '0BSD', name: 'BSD Zero Clause License' },
  { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International' },
  { id: 'CC0-1.0', name: 'Creative Commons Zero v1.0 Universal' },
  { id: 'MIT', name: 'MIT License' },
];

describe('licenseOptions', () => {
  it("lists the request's accepted licences first, then every other one (QA: it opened on 0BSD)", () => {
    expect(licenseOptions(LICENSES, ['CC0-1.0', 'CC-BY-4.0', 'Not-SPDX'])).toEqual([
      {
        group: 'Accepted by this request',
        items: [
          { value: 'CC-BY-4.0', label: 'CC-BY-4.0 — Creative Commons Attribution 4.0 International' },
          { value: 'CC0-1.0', label: 'CC0-1.0 — Creative Commons Zero v1.0 Universal' },
        ],
      },
      {
        group: 'Every SPDX licence',
        items: [
          { value: '0BSD', label: '0BSD — BSD Zero Clause License' },
          { value: 'MIT', label: 'MIT — MIT License' },
        ],
      },
    ]);
  });

  it('is the plain list without a request, or when it accepts none of them', () => {
    expect(licenseOptions(LICENSES, [])).toHaveLength(4);
    expect(licenseOptions(LICENSES, ['Not-SPDX'])).toEqual(licenseOptions(LICENSES, []));
  });
});

describe('filterLicenses', () => {
  const ALL = [
    { id: 'AML', name: 'Apple MIT License' },
    { id: 'FSFUL', name: 'FSF Unlimited License' },
    { id: 'MIT-0', name: 'MIT No Attribution' },
    { id: 'MIT', name: 'MIT License' },
    { id: 'X11', name: 'X11 License' },
  ];
  const ids = (options: ReturnType<typeof filterLicenses>) =>
    options.flatMap((option) => ('group' in option ? option.items : [option]).map((item) => item.value));

  // Typing "MIT" listed "AML — Apple MIT License" first, and Enter took it.
  it('lists the exact id first, then ids that start with it, contain it, then names', () => {
    const options = licenseOptions(ALL, []);
    // FSFUL's name, "FSF Unlimited License", has "mit" in it too.
    expect(ids(filterLicenses({ options, search: 'mit', limit: 50 }))).toEqual([
      'MIT',
      'MIT-0',
      'AML',
      'FSFUL',
    ]);
    expect(ids(filterLicenses({ options, search: ' License', limit: 50 }))).toEqual([
      'AML',
      'FSFUL',
      'MIT',
      'X11',
    ]);
    expect(ids(filterLicenses({ options, search: 'mit', limit: 2 }))).toEqual(['MIT', 'MIT-0']);
    expect(ids(filterLicenses({ options, search: '', limit: 3 }))).toEqual(['AML', 'FSFUL', 'MIT-0']);
  });

  it('reads spaces typed between the words of an id as its hyphens', () => {
    const options = licenseOptions(LICENSES, []);
    expect(ids(filterLicenses({ options, search: 'CC BY 4.0', limit: 50 }))).toEqual(['CC-BY-4.0']);
    expect(ids(filterLicenses({ options, search: 'cc by', limit: 50 }))).toEqual(['CC-BY-4.0']);
    // A name is still found by its words.
    expect(ids(filterLicenses({ options, search: 'creative commons zero', limit: 50 }))).toEqual(['CC0-1.0']);
  });

  it("keeps the request's accepted licences first, each group ranked", () => {
    const options = licenseOptions(ALL, ['AML', 'MIT-0']);
    const filtered = filterLicenses({ options, search: 'mit', limit: 50 });
    expect(filtered.map((option) => ('group' in option ? option.group : option.value))).toEqual([
      'Accepted by this request',
      'Every SPDX licence',
    ]);
    expect(ids(filtered)).toEqual(['MIT-0', 'AML', 'MIT', 'FSFUL']);
  });
});
