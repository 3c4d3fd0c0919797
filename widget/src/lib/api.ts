import { Client, fetchExchange, subscriptionExchange, type AnyVariables } from "@urql/core";
import { liveSocket, type LiveSocket } from "./live-socket.ts";
import { overloadFetch, type OverloadOptions } from "./overload.ts";
import type { TypedDocument } from "./typed-document.ts";
import type { ContactCheckQuery, ContactCheckQueryVariables, SendManageLinksMutation, SendManageLinksMutationVariables, AvailabilityChangedSubscription, AvailabilityChangedSubscriptionVariables, AvailabilityQuery, AvailabilityQueryVariables, BookingQuery, BookingQueryVariables, CancelBookingMutation, CancelBookingMutationVariables, ConfirmBookingMutation, ConfirmBookingMutationVariables, EnterWaitingRoomMutation, EnterWaitingRoomMutationVariables, ExtendHoldMutation, ExtendHoldMutationVariables, HoldSlotMutation, HoldSlotMutationVariables, ReleaseHoldMutation, ReleaseHoldMutationVariables, RescheduleBookingMutation, RescheduleBookingMutationVariables, SlotsChangedSubscription, SlotsChangedSubscriptionVariables, SlotsQuery, SlotsQueryVariables, TenantQuery, TenantQueryVariables, VerifyBookingMutation, VerifyBookingMutationVariables, WaitingRoomQuery, WaitingRoomQueryVariables, WaitingRoomStatusQuery, WaitingRoomStatusQueryVariables } from "../generated/graphql.ts";

/**
 * A mutation says so in `x-tv-operation`: an overloaded gateway refuses reads before it
 * reads any body, and lets writes (a citizen holding or confirming) pass longer.
 */
const markMutations =
  (inner: typeof fetch): typeof fetch =>
  (input, init) => {
    if (typeof init?.body !== "string" || !/^\{[^{]*?"query":"(\\n|\s)*mutation\b/.test(init.body)) return inner(input, init);
    const headers = new Headers(init.headers);
    headers.set("x-tv-operation", "mutation");
    return inner(input, { ...init, headers });
  };

/** The widget's connection to one gateway: urql over HTTP, graphql-transport-ws for live updates. */
export interface Api {
  client: Client;
  /** Base URL of the gateway (for .ics links and the like). */
  base: string;
  /** Requests that gave up waiting out an overloaded gateway try again (see overload.ts). */
  retry(): void;
  dispose(): void;
}

/**
 * @param overload - `onState` shows the citizen that requests wait for an overloaded gateway;
 *   `fetch` and the rest are for tests.
 */
export function createApi(
  endpoint: string,
  locale: () => string,
  overload: OverloadOptions & { fetch?: typeof fetch } = {},
): Api {
  let ws: LiveSocket | undefined;
  // Every HTTP operation goes through here, so each one waits out a 503 the same way.
  const http = overloadFetch(markMutations(overload.fetch ?? ((input, init) => fetch(input, init))), overload);
  const client = new Client({
    url: endpoint,
    fetch: http.fetch,
    requestPolicy: "network-only",
    // POST only: manage tokens and contact data must not end up in URLs and access logs.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { "accept-language": locale() } }),
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          // Lazy: a widget that never reaches step 2 opens no socket.
          ws ??= liveSocket(endpoint.replace(/^http/, "ws"));
          const socket = ws;
          return {
            subscribe(sink) {
              return { unsubscribe: socket.subscribe({ ...request, query: request.query ?? "" }, sink) };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    base: new URL(".", endpoint).href,
    retry: http.retry,
    dispose() {
      ws?.dispose();
      ws = undefined;
    },
  };
}

/**
 * One request as a promise that aborts with the signal (a @lit/task's), so a superseded
 * request is cancelled rather than raced. GraphQL and network errors reject.
 */
export function request<T, V extends AnyVariables = AnyVariables>(
  client: Client,
  document: TypedDocument<T, V>,
  variables: V,
  options: { signal?: AbortSignal; mutation?: boolean } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const source = options.mutation ? client.mutation(document, variables) : client.query(document, variables);
    let done = false;
    const subscription = source.subscribe((result) => {
      if (done) return;
      done = true;
      queueMicrotask(() => subscription.unsubscribe());
      if (result.error) reject(result.error);
      else resolve(result.data as T);
    });
    options.signal?.addEventListener(
      "abort",
      () => {
        if (done) return;
        done = true;
        subscription.unsubscribe();
        reject(options.signal!.reason);
      },
      { once: true },
    );
  });
}

/** Live results of a subscription; returns the unsubscribe function. */
export function live<T, V extends AnyVariables = AnyVariables>(client: Client, document: TypedDocument<T, V>, variables: V, next: (data: T) => void): () => void {
  const { unsubscribe } = client.subscription(document, variables).subscribe((result) => {
    if (result.data) next(result.data as T);
  });
  return unsubscribe;
}

// Documents are plain strings: urql parses them once and caches them by hash. Without
// urql's document cache nothing adds __typename, so union results ask for it themselves.
const ERROR = "message code";

const ROOM = "waitingRoom { releaseAt opensAt phase soldOut nextReleaseAt }";

export const TENANT = `
  query Tenant($slug: String!) {
    tenant(slug: $slug) {
      slug name timeZone privacyUrl phoneRequired cancellationCutoffMinutes ${ROOM}
      theme { name value }
      offices { id slug name timeZone phoneHours address { street postalCode city } services { id } }
      services(onlineOnly: true) {
        id name description category durationMinutes additionalUnitMinutes maxQuantity documents hints
      }
    }
  }
` as TypedDocument<TenantQuery, TenantQueryVariables>;

/** Asked again when an announced room should have opened. */
export const WAITING_ROOM = `
  query WaitingRoom($slug: String!) { tenant(slug: $slug) { ${ROOM} } }
` as TypedDocument<WaitingRoomQuery, WaitingRoomQueryVariables>;

export const ENTER_WAITING_ROOM = `
  mutation EnterWaitingRoom($tenant: String!) {
    enterWaitingRoom(tenant: $tenant) { __typename
      ... on WaitingRoomTicket { ticket admitAt releaseAt admitAtFinal pollAfterSeconds }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<EnterWaitingRoomMutation, EnterWaitingRoomMutationVariables>;

/** Where a ticket stands; asked only when the gateway said to (pollAfterSeconds). */
export const WAITING_ROOM_STATUS = `
  query WaitingRoomStatus($tenant: String!, $ticket: String!) {
    waitingRoomStatus(tenant: $tenant, ticket: $ticket) { __typename
      ... on WaitingRoomStatus { state admitAt admitAtFinal pollAfterSeconds nextReleaseAt }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<WaitingRoomStatusQuery, WaitingRoomStatusQueryVariables>;

const CALENDAR = "days { date status freeSlots holiday walkInWindows { start end } }";

export const AVAILABILITY = `
  query Availability($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
    availability(tenant: $tenant, office: $office, items: $items, from: $from, to: $to) { __typename
      ... on AvailabilityCalendar { ${CALENDAR} }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<AvailabilityQuery, AvailabilityQueryVariables>;

export const AVAILABILITY_CHANGED = `
  subscription AvailabilityChanged($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
    availabilityChanged(tenant: $tenant, office: $office, items: $items, from: $from, to: $to) { ${CALENDAR} }
  }
` as TypedDocument<AvailabilityChangedSubscription, AvailabilityChangedSubscriptionVariables>;

export const SLOTS = `
  query Slots($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $date: Date!) {
    slots(tenant: $tenant, office: $office, items: $items, date: $date) { __typename
      ... on SlotList { date slots { start end } }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<SlotsQuery, SlotsQueryVariables>;

export const SLOTS_CHANGED = `
  subscription SlotsChanged($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $date: Date!) {
    slotsChanged(tenant: $tenant, office: $office, items: $items, date: $date) { date slots { start end } }
  }
` as TypedDocument<SlotsChangedSubscription, SlotsChangedSubscriptionVariables>;

const HOLD = "id token start end expiresAt";

export const HOLD_SLOT = `
  mutation HoldSlot($input: HoldSlotInput!) {
    holdSlot(input: $input) { __typename
      ... on Hold { ${HOLD} substituted }
      ... on SlotUnavailable { alternatives { start end } }
      ... on InputError { field }
      ... on WaitingRoomRequired { releaseAt admitAt }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<HoldSlotMutation, HoldSlotMutationVariables>;

export const EXTEND_HOLD = `
  mutation ExtendHold($input: HoldTokenInput!) {
    extendHold(input: $input) { __typename
      ... on Hold { ${HOLD} }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<ExtendHoldMutation, ExtendHoldMutationVariables>;

export const RELEASE_HOLD = `
  mutation ReleaseHold($input: HoldTokenInput!) { releaseHold(input: $input) }
` as TypedDocument<ReleaseHoldMutation, ReleaseHoldMutationVariables>;

const BOOKING = `reference status changeable start end icsUrl
  office { id name timeZone address { street postalCode city } }
  services { quantity service { id name documents hints } }`;

export const CONFIRM_BOOKING = `
  mutation ConfirmBooking($input: ConfirmBookingInput!) {
    confirmBooking(input: $input) { __typename
      ... on BookingConfirmation { manageToken verificationRequired booking { ${BOOKING} } }
      ... on SlotUnavailable { alternatives { start end } }
      ... on InputError { field }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<ConfirmBookingMutation, ConfirmBookingMutationVariables>;

export const BOOKING_QUERY = `
  query Booking($tenant: String!, $reference: String!, $token: String!) {
    booking(tenant: $tenant, reference: $reference, token: $token) { ${BOOKING} }
  }
` as TypedDocument<BookingQuery, BookingQueryVariables>;

export const CANCEL_BOOKING = `
  mutation CancelBooking($input: ManageBookingInput!) {
    cancelBooking(input: $input) { __typename
      ... on Booking { ${BOOKING} }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<CancelBookingMutation, CancelBookingMutationVariables>;

export const VERIFY_BOOKING = `
  mutation VerifyBooking($input: ManageBookingInput!) {
    verifyBooking(input: $input) { __typename
      ... on Booking { ${BOOKING} }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<VerifyBookingMutation, VerifyBookingMutationVariables>;

export const RESCHEDULE_BOOKING = `
  mutation RescheduleBooking($input: RescheduleBookingInput!) {
    rescheduleBooking(input: $input) { __typename
      ... on Booking { ${BOOKING} }
      ... on SlotUnavailable { alternatives { start end } }
      ... on InputError { field }
      ... on Error { ${ERROR} }
    }
  }
` as TypedDocument<RescheduleBookingMutation, RescheduleBookingMutationVariables>;

/** Step 3: would the per-person limits refuse these contact data (the rule, not the bookings)? */
export const CONTACT_CHECK = `
  query ContactCheck($input: ContactCheckInput!) {
    contactCheck(input: $input) { __typename ... on ContactCheck { blocked message manageLinks } }
  }
` as TypedDocument<ContactCheckQuery, ContactCheckQueryVariables>;

/** Mails the blocking bookings' manage links to the addresses stored on them. */
export const SEND_MANAGE_LINKS = `
  mutation SendManageLinks($input: ContactCheckInput!) {
    sendManageLinks(input: $input) { __typename ... on ManageLinksRequested { message } }
  }
` as TypedDocument<SendManageLinksMutation, SendManageLinksMutationVariables>;
