export {
  Broker,
  brokerNamed,
  type ConsumeOptions,
  type DeadLetter,
  type Delivery,
  type Subscription,
} from './broker.ts';
export { type LedgerEvent, ledger } from './ledger.ts';
