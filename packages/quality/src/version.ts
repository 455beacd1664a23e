/** Version of the scoring rules; goes into every report so browser and server scores can be compared. */
export const SCORER_VERSION = '1.0.0';
