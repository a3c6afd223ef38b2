// Sign-In with Ethereum for the dashboard: a nonce, the signed message in exchange for an HttpOnly,
// SameSite=Strict session cookie, who the session is, and signing out.
import { deleteCookie, setCookie } from "hono/cookie";
import type { Hex } from "viem";
import { ApiProblem } from "../apiProblem.ts";
import type { AuthNonce, SessionView, SignedOut } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "guild_session";

export function authRoutes({ auth, now }: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/auth/nonce",
      operationId: "getAuthNonce",
      tag: "auth",
      summary:
        "A single-use nonce for a Sign-In with Ethereum (EIP-4361) message, and the domains it may name",
      response: { status: 200, schema: "AuthNonce", description: "the nonce and what the message must name" },
      errors: [],
      async handle(): Promise<AuthNonce> {
        return { ...(await auth.issueNonce()), domains: auth.domains, chainId: auth.chainId };
      },
    }),

    defineRoute({
      method: "post",
      path: "/v1/auth/verify",
      operationId: "signIn",
      tag: "auth",
      summary: "Signs in with a signed EIP-4361 message: sets the HttpOnly, SameSite=Strict session cookie",
      description:
        "The message must name one of this node's domains, a URI on that origin, the guild's chain and a " +
        "nonce from /v1/auth/nonce (spent by this request whatever its outcome). The signature is checked " +
        "as an externally owned account's (personal_sign).",
      body: { schema: "SiweSignIn", description: "the message and its signature" },
      response: { status: 200, schema: "Session", description: "signed in; the cookie is set" },
      errors: [
        "InvalidSiweMessage",
        "SiweDomainMismatch",
        "SiweUriMismatch",
        "SiweChainMismatch",
        "SiweNonceInvalid",
        "SiweMessageExpired",
        "SiweSignatureInvalid",
      ],
      async handle({ c, body }): Promise<SessionView> {
        const { message, signature } = (body ?? {}) as { message?: unknown; signature?: unknown };
        if (
          typeof message !== "string" ||
          message.length > 10_000 ||
          typeof signature !== "string" ||
          !/^0x[0-9a-fA-F]+$/.test(signature)
        ) {
          throw new ApiProblem(
            "InvalidSiweMessage",
            "the body must be {message: an EIP-4361 message, signature: hex}",
            {
              fields: ["message", "signature"],
            },
          );
        }
        const { id, session } = await auth.signIn(message, signature as Hex);
        setCookie(c, SESSION_COOKIE, id, {
          httpOnly: true,
          sameSite: "Strict",
          secure: auth.secure,
          path: "/",
          maxAge: Math.max(1, session.expiresAt - Math.floor(now() / 1000)),
        });
        return { ...session };
      },
    }),

    defineRoute({
      method: "get",
      path: "/v1/auth/me",
      operationId: "getSession",
      tag: "auth",
      summary: "Who the session cookie signs in as",
      session: true,
      response: { status: 200, schema: "Session", description: "the session" },
      errors: ["NotSignedIn"],
      async handle({ c }): Promise<SessionView> {
        const current = c.get("session");
        if (current === undefined)
          throw new ApiProblem("NotSignedIn", "no session: sign in with Ethereum first");
        return { ...current.session };
      },
    }),

    defineRoute({
      method: "post",
      path: "/v1/auth/logout",
      operationId: "signOut",
      tag: "auth",
      summary: "Ends the session and clears its cookie (signed out or not)",
      session: true,
      response: { status: 200, schema: "SignedOut", description: "whether a session was ended" },
      errors: [],
      async handle({ c }): Promise<SignedOut> {
        const current = c.get("session");
        const signedOut = current === undefined ? false : await auth.signOut(current.id);
        deleteCookie(c, SESSION_COOKIE, {
          path: "/",
          httpOnly: true,
          sameSite: "Strict",
          secure: auth.secure,
        });
        return { signedOut };
      },
    }),
  ];
}
