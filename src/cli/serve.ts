export async function runServe(_dir: string): Promise<number> { return 1; }
