export {
	clearPersonData,
	loadWithSnapshot,
	readSnapshot,
	saveSnapshot,
	snapshotKey,
	type Loaded
} from './snapshots';
export { loadScreen } from './load-screen';
