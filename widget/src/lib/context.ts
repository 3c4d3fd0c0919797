import { createContext } from "@lit/context";
import type { Api } from "./api.ts";

/** The gateway connection, provided by `<terminvergabe-booking>` to its steps. */
export const apiContext = createContext<Api | undefined>(Symbol("terminvergabe-api"));
