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
  {
    // 0.5318864320452936 passes the Luhn check; 1234567.89 and 3,14159265358 have a phone's digit count.
    name: 'good: decimal numbers in text are measurements, not cards or phones',
    csv: `${GOOD_CSV}"p=0.5318864320452936 for 1234567.89 or 3,14159265358",low,2025-03-03\n`,
    isFound: false,
  },
  {
    name: 'bad: a phone number written with points',
    csv: `${GOOD_CSV}Call 555.123.4567 today,low,2025-03-03\n`,
    isFound: true,
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
