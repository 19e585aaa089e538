import { createMatcher } from '../src/matcher/default-matcher.js';
import { createDataset } from './generate.js';
const m = createMatcher();
const data = createDataset({ libraryTracks: 100000, lovedTracks: 10000 });
console.log(m.fingerprint);
let t = performance.now();
let k = 0;
for (let id = 1; id <= 100000; id++) { const r = data.row(id); const keys = m.trackKeys({ id, artist: r.artist, title: r.title, album: r.album, albumArtist: r.albumArtist, durationMs: r.duration*1000, mbid: null }); k += keys.artists.length; }
console.log('trackKeys 100k', (performance.now()-t).toFixed(0), 'ms, keys', k);
t = performance.now();
for (const l of data.loves) m.lovedKeys(l);
console.log('lovedKeys 10k', (performance.now()-t).toFixed(0));
console.log(m.lovedKeys({artist:'Beatles, The', title:'Hey Jude - Remastered 2011'}), m.trackKeys({id:1, artist:'The Beatles', title:'Hey Jude'}));
