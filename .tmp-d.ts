import { createMatcher } from './src/matcher/index.js';
const m = createMatcher();
console.log(m.normalizer.title("(I Can't Get No) Satisfaction"), m.normalizer.title('Satisfaction'));
