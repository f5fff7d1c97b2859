"""The FastAPI twin of the benchmarked routes, for `pnpm bench` (Debian's python3-fastapi and python3-uvicorn).

    /usr/bin/python3 fastapi_twin.py 3102
"""
import asyncio
import sys
import time

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
async def hello():
    return {"message": "Hello World"}


@app.get("/async")
async def wait(ms: int = 1000):
    await asyncio.sleep(ms / 1000)
    return {"waitedMs": ms}


@app.get("/blocking")
async def blocking(ms: int = 1000):
    # The anti-pattern: a blocking call inside `async def` holds the event loop.
    time.sleep(ms / 1000)
    return {"blockedMs": ms}


@app.get("/offloaded")
def offloaded(ms: int = 1000):
    # A plain `def` route: FastAPI runs it in its thread pool (40 threads).
    time.sleep(ms / 1000)
    return {"blockedMs": ms}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="error")
