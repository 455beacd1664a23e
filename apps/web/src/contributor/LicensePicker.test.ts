import { describe, expect, it } from 'vitest';
import { licenseOptions } from './LicensePicker.tsx';

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
