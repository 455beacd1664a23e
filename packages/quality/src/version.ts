/**
 * Version of the scoring rules; goes into every report so browser and server scores can be compared.
 * Its major part changes exactly when fingerprints (row keys) do, so fingerprints of reports with the same
 * major version are comparable; minor and patch changes are rules, weights and wording. 2.0.0 hashed rows
 * with MurmurHash3_x86_128 over UTF-8 instead of two 32-bit lanes over UTF-16 code units; 2.0.1 made three
 * hints fit what they are about (examples by column type, the manifest's own column names); 2.1.0 added
 * `provenance.contributor-record`, which applies only when the caller gives the contributor's record; 2.1.1
 * counts an attestation lacking both signer and statement once (it was counted 2, shown as "2×"); 2.1.2
 * says "The limitations are missing" (it said "is"); 2.2.0 added `provenance.consent-not-accepted` (when
 * people are in the data and the request names consent bases) and `structure.task-mismatch` (when it
 * names a task); 2.2.1 reads a decimal number in text (`0.5318864320452936`, `1234567.89`) as a number,
 * not as a card or phone number; 2.3.0 added `structure.target-not-numeric` (a regression's target declared as
 * anything but a number, whose values no rule then checked) and calls a regression's missing label column its
 * target column; 2.4.0 added `structure.label-missing` (rows without a label or target, by row; the missing-values
 * warning no longer repeats them for the label column) and words nested values' count and hint better;
 * 2.4.1 gives an unbalanced class's row count (the web app had added "(3×)"), asks a column of the wrong
 * type for a request to be declared as that type (not added), and says the example of a class definition
 * is from other data; 2.4.2 says personal data is "not quoted in this report" (it said "not shown here",
 * above a button that shows the rows); 2.4.3 says a one-word column description is too short (it said there
 * was none), "1 field" (not "1 fields") and 9,007,199,254,740,991 for 2^53; 2.5.0 looks for personal data in
 * category columns as in text, and for card numbers in integer columns (reported when nearly all of a
 * column's 13–19-digit values pass the Luhn check), and reads a multilabel row's JSON array of labels as its
 * labels (it was a nested value, split on its commas), and adds `structure.label-class-variants` (declared
 * classes that differ only in case or spaces) and `structure.header-padded` (a CSV or TSV header's names are
 * read without spaces at their ends, and that is said); 2.5.1 asks no unit of a numeric column whose name says it
 * is an identifier or a count (`customer_id`, `cardNumber`, `zip`, `retweetCount`: the name's words, not only
 * the description's, are read); 2.6.0 reads a CSV file whose first line has more semicolons than commas as
 * separated by semicolons, as Excel writes CSV where the comma is the decimal separator (it was one column,
 * and `structure.wrong-delimiter`), reads `3,5` in its number columns as a number (and its type hint gives that example), and adds
 * `structure.semicolon-separated` (info) to say so; and skips Excel's first line `sep=;` (or `sep=,`), reading
 * the file with the separator it names, with `structure.separator-line` (a warning: other tools read that
 * line as the header). The keys of rows of other files are unchanged; those of
 * a semicolon file change with its columns, which no earlier version read. 2.6.1 skips that line with spaces
 * around it too (`sep=; `, which it read with the separator named but as the header), and its hint says to
 * delete it in a text editor, since Excel does not show it. 2.7.0 gives a label outside the classes a sample of
 * its rows (up to 10, as other grouped findings do), not its first row alone, so all of them can be opened.
 * 2.8.0 reads `3,5` in a TSV file's number columns as a number too, as Excel's "Text (Tab delimited)" writes
 * it where the comma is the decimal separator (each was a type error), and adds
 * `structure.decimal-comma-numbers` (info, one finding per column, located at it) to say so; row keys are
 * unchanged. 2.8.1 counts classes that differ only in case or spaces as one in `structure.class-imbalance`:
 * "Pos" on 2 rows beside "pos" on 500 was reported as a rare class to add rows of, beside the variants error.
 */
export const SCORER_VERSION = '2.8.1';

/** The major part of {@link SCORER_VERSION}: reports whose version starts with it have comparable fingerprints. */
export const FINGERPRINT_MAJOR_VERSION = SCORER_VERSION.slice(0, SCORER_VERSION.indexOf('.'));
