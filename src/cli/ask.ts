export async function runAsk(_dir: string, _o: { json: boolean; jsonl: boolean; question: string }): Promise<number> { return 1; }
