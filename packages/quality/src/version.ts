/**
 * Version of the scoring rules; goes into every report so browser and server scores can be compared.
 * Fingerprints (row keys) of different versions are not comparable: 2.0.0 hashes rows with
 * MurmurHash3_x86_128 over UTF-8 instead of two 32-bit lanes over UTF-16 code units.
 */
export const SCORER_VERSION = '2.0.0';
