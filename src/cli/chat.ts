export async function runChat(_dir: string): Promise<number> { return 1; }
