"""The reference the gateway's goals are stated against: a trivial FastAPI health route."""
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/v1/health")
async def health():
    return {"status": "ok"}
