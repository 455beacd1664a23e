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

/** The good file with a fourth column `extra` of the given type and values, one per row. */
function withExtraColumn(type: 'category' | 'integer', values: string[]) {
  const lines = GOOD_CSV.trim().split('\n');
  return {
    csv: `${lines.map((line, i) => `${line},${i === 0 ? 'extra' : (values[(i - 1) % values.length] ?? '')}`).join('\n')}\n`,
    manifest: withManifest((m) => {
      m.columns.push({ name: 'extra', type, description: 'Something else about the ticket' });
    }),
  };
}

// An address declared a category and a card number declared an integer (the wizard's guesses for such
// columns) went unseen: the file was enterprise grade.
describeRule('structure.personal-data-undeclared', [
  {
    name: 'good: a category of words',
    ...withExtraColumn('category', ['billing', 'outage']),
    isFound: false,
  },
  {
    name: 'bad: an email address as a category',
    ...withExtraColumn('category', ['a.b@example.com', 'x']),
    isFound: true,
  },
  {
    name: 'bad: a phone number as a category',
    ...withExtraColumn('category', ['+44 20 7946 0958', 'x']),
    isFound: true,
  },
  {
    name: 'bad: card numbers as integers, all passing the Luhn check',
    ...withExtraColumn('integer', ['4111111111111111', '5555555555554444', '4012888888881881']),
    isFound: true,
  },
  {
    // 16-digit identifiers: one of the six passes the Luhn check, as about one in ten would.
    name: 'good: long integer identifiers, a few passing the Luhn check by chance',
    ...withExtraColumn('integer', [
      '4111111111111111',
      '1234567890123456',
      '1234567890123457',
      '1234567890123458',
      '1234567890123459',
      '1234567890123450',
    ]),
    isFound: false,
  },
  { name: 'good: short integers', ...withExtraColumn('integer', ['12', '40', '7']), isFound: false },
]);
