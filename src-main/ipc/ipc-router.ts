/** Dispatches one IPC call: the sender is checked, the payload validated, then the handler typed from the contract runs. */
import { z } from 'zod';
import type { InvokeChannel, InvokeRequests, InvokeResponses, IpcResult } from '../../shared/ipc-contract';
import { invokeRequestSchemas } from '../../shared/ipc-schemas';
import { refuseSender } from './sender-policy';
import type { IpcSender, SenderPolicy } from './sender-policy';

/** One plain function per invoke channel; the table must name them all (checked by the compiler). */
export type IpcHandlers = {
  [C in InvokeChannel]: (request: InvokeRequests[C]) => Promise<InvokeResponses[C]>;
};

export interface IpcRouter {
  dispatch(channel: string, sender: IpcSender, payload: unknown): Promise<IpcResult<unknown>>;
}

function isChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeRequestSchemas, name);
}

export function createIpcRouter(
  handlers: IpcHandlers,
  policy: SenderPolicy,
  log: (line: string) => void = () => {},
): IpcRouter {
  return {
    async dispatch(channel, sender, payload) {
      if (!isChannel(channel))
        return { ok: false, error: { code: 'unknown-channel', message: `No such call: ${channel}.` } };
      const refused = refuseSender(sender, policy);
      if (refused !== undefined) {
        log(`IPC ${channel} refused: ${refused}.`);
        return { ok: false, error: { code: 'forbidden-sender', message: `Refused: ${refused}.` } };
      }
      const parsed = invokeRequestSchemas[channel].safeParse(payload);
      if (!parsed.success) {
        return { ok: false, error: { code: 'invalid-request', message: z.prettifyError(parsed.error) } };
      }
      try {
        const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        return {
          ok: false,
          error: { code: 'failed', message: error instanceof Error ? error.message : String(error) },
        };
      }
    },
  };
}
