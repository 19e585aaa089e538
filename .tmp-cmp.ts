import { createMatcher } from './src/matcher/index.js';
const m = createMatcher();
const pairs: [string, string, string, string][] = [
  ['Björk','Jóga','Bjork','Joga'],
  ['The Beatles','Help!','Beatles, The','Help!'],
  ['Simon & Garfunkel','The Boxer','Simon and Garfunkel','The Boxer'],
  ['Jay-Z feat. Alicia Keys','Empire State of Mind','Jay-Z','Empire State of Mind (feat. Alicia Keys)'],
  ['David Bowie','Heroes - 2017 Remaster','David Bowie','Heroes'],
  ['Queen','Don’t Stop Me Now','Queen',"Don't Stop Me Now"],
  ['Pink Floyd','Another Brick in the Wall, Pt. 2','Pink Floyd','Another Brick in the Wall (Part 2)'],
  ['Johnny Cash','Hurt','Nine Inch Nails','Hurt'],
  ['Green Day','Holiday (Live)','Green Day','Holiday'],
  ['Green Day','Holiday (X Remix)','Green Day','Holiday'],
  ['Creed','Sunshine of Your Love','Cream','Sunshine of Your Love'],
  ['Rolling Stones','Satisfaction','The Rolling Stones',"(I Can't Get No) Satisfaction"],
  ['Queen','Under Pressure','Queen & David Bowie','Under Pressure'],
  ['Ed Sheeran & Justin Bieber',"I Don't Care",'Ed Sheeran',"I Don't Care (with Justin Bieber)"],
  ['Queen','Bohemian Rhapsody','Queen','Bohemian Rapsody'],
  ['The Kinks','Lola','The Kings','Lola'],
];
for (const [la, lt, ta, tt] of pairs) {
  const r = m.compare({ artist: la, title: lt }, { id: 1, artist: ta, title: tt });
  console.log(r.accepted, r.score, `${la} - ${lt}  |  ${ta} - ${tt}`); console.log('   ', r.reasons.join(' | '));
}
const cands = [
  { id: 7, artist: 'Queen', title: 'Killer Queen', album: 'Greatest Hits', albumArtist: 'Queen' },
  { id: 9, artist: 'Queen', title: 'Killer Queen', album: 'Sheer Heart Attack', albumArtist: 'Queen' },
  { id: 3, artist: 'Queen', title: 'Killer Queen', album: 'Now 10', albumArtist: 'Various Artists' },
];
console.log(JSON.stringify(m.best({ artist: 'Queen', title: 'Killer Queen' }, cands), null, 1));
console.log(createMatcher({ ties: 'all' }).best({ artist: 'Queen', title: 'Killer Queen' }, cands).map(c => c.track.id));
