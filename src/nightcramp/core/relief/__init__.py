"""relief"""
