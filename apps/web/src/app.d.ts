// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** A known error, shown in the person's language by `+error.svelte`. */
      code?: 'invalidId';
    }
  }
}

export {};
