import { describe, expect, it } from 'vitest';
import { isCroissant, manifestFromCroissant } from './croissant.ts';

/** Shaped like the Croissant files dataset hubs publish: full IRIs, lists, an image column, two record sets. */
const HUB_DATASET = {
  '@context': { '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/' },
  '@type': 'sc:Dataset',
  conformsTo: 'http://mlcommons.org/croissant/1.0',
  name: 'tweet-sentiment',
  description: 'Tweets labeled positive, negative or neutral.',
  license: 'https://creativecommons.org/licenses/by-sa/4.0/',
  inLanguage: ['en', 'fr'],
  temporalCoverage: '2019',
  spatialCoverage: { '@type': 'Place', name: 'Worldwide' },
  'http://mlcommons.org/croissant/RAI/dataCollection': 'Sampled from the public API',
  'rai:dataCollectionType': 'Scraped',
  'rai:personalSensitiveInformation': 'Usernames were removed',
  recordSet: [
    {
      '@type': 'cr:RecordSet',
      '@id': 'default',
      name: 'default',
      field: [
        { '@type': 'cr:Field', '@id': 'default/text', name: 'text', dataType: 'https://schema.org/Text' },
        {
          '@type': 'cr:Field',
          '@id': 'default/sentiment',
          name: 'sentiment',
          description: 'The annotated sentiment',
          dataType: ['sc:Text', 'cr:Label'],
        },
        { '@type': 'cr:Field', '@id': 'default/likes', dataType: 'sc:Integer' },
        { '@type': 'cr:Field', '@id': 'default/avatar', name: 'avatar', dataType: 'sc:ImageObject' },
      ],
    },
    {
      '@type': 'cr:RecordSet',
      '@id': 'sentiments',
      dataType: 'sc:Enumeration',
      key: { '@id': 'sentiments/value' },
      field: [
        { '@type': 'cr:Field', '@id': 'sentiments/value', name: 'value', dataType: 'sc:Text' },
        { '@type': 'cr:Field', '@id': 'sentiments/description', name: 'description', dataType: 'sc:Text' },
      ],
      data: [
        { 'sentiments/value': 'positive', 'sentiments/description': 'Approves of the subject' },
        { 'sentiments/value': 'negative' },
      ],
    },
    {
      '@type': 'cr:RecordSet',
      '@id': 'users',
      field: [{ '@id': 'users/id', name: 'id', dataType: 'sc:Text' }],
    },
  ],
};

describe('manifestFromCroissant', () => {
  it('reads a hub-style dataset into a draft and says what it could not use', () => {
    const { manifest, notes } = manifestFromCroissant(HUB_DATASET, (text) =>
      text.toUpperCase() === 'CC-BY-SA-4.0' ? 'CC-BY-SA-4.0' : null,
    );
    expect(manifest).toEqual({
      title: 'tweet-sentiment',
      description: 'Tweets labeled positive, negative or neutral.',
      task: 'classification',
      context: { collectionMethod: 'Sampled from the public API', geography: 'Worldwide', language: 'en' },
      provenance: { license: 'CC-BY-SA-4.0', sourceType: 'scraped' },
      columns: [
        { name: 'text', type: 'string', description: null },
        { name: 'sentiment', type: 'category', description: 'The annotated sentiment' },
        { name: 'likes', type: 'integer', description: null },
        { name: 'avatar', type: 'string', description: null },
      ],
      label: {
        column: 'sentiment',
        classes: [
          { name: 'positive', definition: 'Approves of the subject' },
          { name: 'negative', definition: null },
        ],
      },
    });
    expect(notes).toEqual([
      'The time period "2019" is not in YYYY-MM-DD form: enter it by hand',
      'Say in the form whether the data contains personal data (the file describes it in its own words)',
      'Only the record set "default" was read as the columns',
      'Column "avatar" has a type Assay does not check (ImageObject): set to text',
    ]);
  });

  it('reads SPDX licence URLs, date ranges with an open end, and leaves out what it cannot map', () => {
    const { manifest, notes } = manifestFromCroissant({
      '@context': {},
      '@type': 'https://schema.org/Dataset',
      name: 'x',
      license: 'https://spdx.org/licenses/CC-BY-4.0.html',
      temporalCoverage: '2025-03-01/..',
      'rai:dataCollectionType': 'crowdsourced',
      recordSet: [],
    });
    expect(manifest.provenance).toEqual({ license: 'CC-BY-4.0' });
    expect(manifest.context).toEqual({ timeframe: { start: '2025-03-01', end: null } });
    expect(manifest.columns).toBeUndefined();
    expect(notes).toEqual([
      `The collection type "crowdsourced" is none of Assay's source types: pick one in the form`,
      'The file declares no columns (no record set with fields)',
    ]);
    expect(manifestFromCroissant({ license: 'Some custom terms' }, () => null).notes[0]).toBe(
      'The licence "Some custom terms" is not an SPDX licence: pick one in the form',
    );
  });

  it('tells a Croissant dataset from an assay.json and from anything else', () => {
    expect(isCroissant(HUB_DATASET)).toBe(true);
    expect(isCroissant({ '@context': {}, '@type': 'https://schema.org/Dataset', name: 'x' })).toBe(true);
    expect(isCroissant({ title: 'tickets', task: 'classification', columns: [] })).toBe(false);
    expect(isCroissant(['not', 'an', 'object'])).toBe(false);
    expect(manifestFromCroissant('text').notes).toEqual([
      'The file is not a Croissant dataset (a JSON object)',
    ]);
  });
});
