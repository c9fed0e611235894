/** The app's seeded generator (mulberry32), so a failing random walk can be replayed from its seed. */
export { seededRandom } from '../../../src/core/base/random';
