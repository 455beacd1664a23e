import { describeRule, GOOD_CSV, withManifest } from '../../test/rule-cases.ts';

describeRule('structure.personal-data-undeclared', [
  { name: 'good: no personal data', isFound: false },
  {
    name: 'good: declared personal data is not this rule',
    csv: `${GOOD_CSV}Write to jane.doe@example.com,low,2025-03-03\n`,
    manifest: withManifest((m) => {
      m.provenance!.containsPersonalData = true;
    }),
    isFound: false,
  },
  { name: 'bad: an email', csv: `${GOOD_CSV}Write to jane.doe@example.com,low,2025-03-03\n`, isFound: true },
  {
    name: 'bad: a phone number',
    csv: `${GOOD_CSV}Call me on +44 20 7946 0958,low,2025-03-03\n`,
    isFound: true,
  },
  {
    name: 'bad: a card number passing Luhn',
    csv: `${GOOD_CSV}Charge 4111 1111 1111 1111 again,low,2025-03-03\n`,
    isFound: true,
  },
]);
