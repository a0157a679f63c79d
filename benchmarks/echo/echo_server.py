"""The echo benchmark's CPython asyncio server: asyncio streams, as an asyncio user writes it.

Usage: python3 echo_server.py [port [control_port]]. The control port answers each connection
with "-1 <process CPU nanoseconds>" (allocation is not measured for CPython).
"""
import asyncio
import sys
import time


async def echo(reader, writer):
    try:
        while True:
            data = await reader.read(16384)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def stats(reader, writer):
    writer.write(f"-1 {time.process_time_ns()}\n".encode())
    await writer.drain()
    writer.close()


async def main(port, control_port):
    server = await asyncio.start_server(echo, "127.0.0.1", port, backlog=1024)
    await asyncio.start_server(stats, "127.0.0.1", control_port)
    print(f"cpython asyncio echo server on {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
    control = int(sys.argv[2]) if len(sys.argv) > 2 else port + 1
    asyncio.run(main(port, control))
