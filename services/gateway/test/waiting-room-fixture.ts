/** The waiting room's operations as the widget sends them, for the gateway's tests. */

export const ENTER_WAITING_ROOM = /* GraphQL */ `
  mutation ($tenant: String!) {
    enterWaitingRoom(tenant: $tenant) {
      __typename
      ... on WaitingRoomTicket { ticket admitAt admitAtFinal pollAfterSeconds releaseAt }
      ... on Error { code message }
    }
  }
`;

export const WAITING_ROOM_STATUS = /* GraphQL */ `
  query ($tenant: String!, $ticket: String!) {
    waitingRoomStatus(tenant: $tenant, ticket: $ticket) {
      __typename
      ... on WaitingRoomStatus { state admitAt admitAtFinal pollAfterSeconds nextReleaseAt }
      ... on Error { code }
    }
  }
`;

/** holdSlot with what a waiting room answers. */
export const HOLD_WITH_TICKET = /* GraphQL */ `
  mutation ($input: HoldSlotInput!) {
    holdSlot(input: $input) {
      __typename
      ... on Hold { id start }
      ... on WaitingRoomRequired { code releaseAt admitAt }
      ... on Error { code }
    }
  }
`;

export type EnteredRoom = {
  __typename: string;
  ticket: string;
  admitAt: string;
  admitAtFinal: boolean;
  pollAfterSeconds: number | null;
  code?: string;
  message?: string;
};

export type RoomStatus = {
  __typename: string;
  state: string;
  admitAt: string | null;
  admitAtFinal: boolean;
  pollAfterSeconds: number | null;
  nextReleaseAt: string | null;
  code?: string;
};
