import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.missing-values', [
  { name: 'good: no gaps', isFound: false },
  {
    name: 'bad: many empty dates',
    csv: GOOD_CSV.replace('2025-03-02', '').replace('2025-03-05', 'NA'),
    isFound: true,
  },
  {
    // structure.label-missing names those rows.
    name: 'good: many empty labels are not repeated here',
    csv: GOOD_CSV.replace(',high,2025-03-02', ',,2025-03-02').replace(',low,2025-03-05', ',NA,2025-03-05'),
    isFound: false,
  },
]);
